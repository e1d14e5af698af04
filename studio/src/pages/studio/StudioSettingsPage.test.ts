import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '../../testing/fetch-stub.js';
import { mountApp } from '../../testing/mount-app.js';
import StudioSettingsPage from './StudioSettingsPage.vue';

const lunch = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];
const stored = {
  timeZone: 'Asia/Shanghai',
  currency: 'CNY',
  locale: 'zh-CN',
  weekStart: 'mon',
  fiscalYearStart: 1,
  businessCalendar: { workingHours: { mon: lunch, tue: lunch, sat: [] }, holidays: [{ date: '2026-10-01', name: '国庆节' }], adjustedWorkdays: [{ date: '2026-10-10', name: '调休上班' }] },
  version: 3,
};

describe('settings page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('shows the zone, working hours, holidays and make-up days, and saves with the version it read', async () => {
    let saves = 0;
    const { calls } = stubFetch({
      'GET /api/settings': stored,
      'PUT /api/settings': (_url: string, init: RequestInit) =>
        ++saves === 1 ? json(200, { ...JSON.parse(String(init.body)), version: 4 }) : json(409, { status: 409, code: 'VERSION_CONFLICT', title: 'Conflict' }),
    });
    const w = mountApp(StudioSettingsPage);
    await flushPromises();
    expect(w.find('.zone').text()).toContain('Asia/Shanghai');
    expect(w.find('[data-weekday="mon"]').findAll('.period')).toHaveLength(2);
    expect(w.find('[data-weekday="sat"]').text()).toContain('Not a working day');
    expect(w.findAll('.holiday')).toHaveLength(1);
    expect(w.findAll('.adjusted')).toHaveLength(1);

    await w.find('.add-holiday').trigger('click');
    expect(w.findAll('.holiday')).toHaveLength(2);
    await w.findAll('.holiday')[1].find('button').trigger('click');
    await w.find('[data-weekday="sat"] .add-period').trigger('click');
    await w.find('.save').trigger('click');
    await flushPromises();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.headers['If-Match']).toBe('3');
    const body = JSON.parse(put.body!);
    expect(body.version).toBeUndefined();
    expect(body.businessCalendar.workingHours.sat).toEqual([{ start: '09:00', end: '18:00' }]);
    expect(body.businessCalendar.holidays).toEqual([{ date: '2026-10-01', name: '国庆节' }]);

    await w.find('.save').trigger('click');
    await flushPromises();
    expect(calls.filter((c) => c.method === 'PUT')[1].headers['If-Match']).toBe('4');
    expect(w.find('[role="alert"]').text()).toContain('Someone else saved the settings');
    w.unmount();
  });

  it('shows the recycle bin retention, refuses a value out of range with a clear message before saving, and saves a good one', async () => {
    const { calls } = stubFetch({
      'GET /api/settings': { ...stored, recycleBinDays: 45 },
      'PUT /api/settings': (_url: string, init: RequestInit) => json(200, { ...JSON.parse(String(init.body)), version: 4 }),
    });
    const w = mountApp(StudioSettingsPage);
    await flushPromises();
    const input = w.find('.recycle-bin-days input');
    expect((input.element as HTMLInputElement).value).toBe('45');
    for (const bad of ['0', '3651', '2.5', 'ten', '']) {
      await input.setValue(bad);
      expect(w.find('.recycle-bin-days input').attributes('aria-invalid')).toBe('true');
      expect(w.find('.days-error').text()).toBe('Enter a whole number of days from 1 to 3650.');
      await w.find('.save').trigger('click');
      await flushPromises();
      expect(w.find('[role="alert"]').text()).toContain('Some settings are not valid');
    }
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);

    await input.setValue('90');
    expect(w.find('.days-error').exists()).toBe(false);
    expect(w.find('.recycle-bin-days input').attributes('aria-invalid')).toBe('false');
    await w.find('.save').trigger('click');
    await flushPromises();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(JSON.parse(put.body!).recycleBinDays).toBe(90);
    expect(w.find('[role="alert"]').exists()).toBe(false);

    w.unmount();
  });

  it('names the field in the reader\'s language when the server refuses the retention', async () => {
    stubFetch({
      'GET /api/settings': stored,
      'PUT /api/settings': () => json(400, { status: 400, code: 'INVALID_INPUT', title: 'Invalid', errors: [{ field: 'recycleBinDays', message: 'must be <= 3650' }] }),
    });
    const w = mountApp(StudioSettingsPage, {}, 'zh-CN');
    await flushPromises();
    expect(w.text()).toContain('回收站保留记录');
    await w.find('.recycle-bin-days input').setValue('30');
    await w.find('.save').trigger('click');
    await flushPromises();
    expect(w.text()).toContain('请输入 1 到 3650 之间的整数天数。');
    w.unmount();
  });
});
