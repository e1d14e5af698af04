import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MetaEntity, ViewDocument } from '../api/types.js';
import { stubFetch } from '../testing/fetch-stub.js';
import { deal } from '../testing/fixtures.js';
import { mountApp } from '../testing/mount-app.js';
import { dayKey, monthGrid } from './calendar-range.js';
import CalendarView from './CalendarView.vue';

const view: ViewDocument = { kind: 'view', name: 'deal_calendar', label: { en: 'Calendar', 'zh-CN': '日历' }, entity: 'deal', type: 'calendar', columns: ['title'], calendar: { dateField: 'close_on', titleField: 'title' } };
const today = dayKey(new Date());

describe('CalendarView', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('asks only for the visible month and shows each record on its day, with "new" pre-filling the date', async () => {
    const { calls } = stubFetch({ 'GET /api/records/deal': { data: [{ id: 'd1', title: 'Closing call', close_on: today }], nextCursor: null } });
    const w = mountApp(CalendarView, { props: { entityName: 'deal', entity: deal, view, filter: { '==': [{ var: 'source' }, 'web'] } } });
    await flushPromises();
    const grid = monthGrid(today, 0);
    const filter = JSON.parse(new URL(calls[0].url, 'http://x').searchParams.get('filter')!);
    expect(filter).toEqual({ and: [{ '==': [{ var: 'source' }, 'web'] }, { and: [{ '>=': [{ var: 'close_on' }, grid.from] }, { '<': [{ var: 'close_on' }, grid.to] }] }] });
    expect(w.findAll('.month .day')).toHaveLength(grid.days.length);
    expect(w.find(`.day[data-day="${today}"] .event`).text()).toBe('Closing call');
    expect(w.find(`.day[data-day="${today}"] .new-on`).attributes('href')).toBe(`/app/deal/new?close_on=${today}`);

    await w.find('[aria-label="Next"]').trigger('click');
    await flushPromises();
    expect(calls).toHaveLength(2);
    w.unmount();
  });

  it('lists a week as an agenda with an empty state, and offers no "new" without the create right', async () => {
    stubFetch({ 'GET /api/records/deal': { data: [], nextCursor: null } });
    const readOnly: MetaEntity = { ...deal, access: { create: false, update: false, delete: false, fields: {} } };
    const w = mountApp(CalendarView, { props: { entityName: 'deal', entity: readOnly, view } });
    await flushPromises();
    expect(w.find('.new-on').exists()).toBe(false);
    await w.findAll('.el-radio-button__original-radio').at(1)!.setValue(true);
    await flushPromises();
    expect(w.findAll('.agenda-day')).toHaveLength(7);
    expect(w.find('.agenda-empty').text()).toBe('Nothing in this period');
    w.unmount();
  });
});
