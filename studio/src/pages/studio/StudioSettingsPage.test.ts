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
});
