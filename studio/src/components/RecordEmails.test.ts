import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../testing/fetch-stub.js';
import { mountApp } from '../testing/mount-app.js';
import RecordEmails from './RecordEmails.vue';

const mail = {
  id: 'm1', direction: 'in', status: 'received', from: { address: 'ann@customer.test', name: 'Ann' }, to: ['support@acme.mail.test'],
  subject: 'Printer <b>broken</b>', text: 'It smokes.', html: '<p>It smokes.</p>', messageId: '<m1@customer.test>', threadId: 'm1',
  attachments: [{ file: 'f1', name: 'photo.jpg', type: 'image/jpeg', size: 5 }], problem: null, createdAt: '2026-03-01T10:00:00Z',
};

describe('e-mails of a record', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lists the messages with status, parties and text, never rendering their HTML', async () => {
    stubFetch({ 'GET /api/records/person/p1/emails': { data: [mail, { ...mail, id: 'm2', direction: 'out', status: 'skipped', subject: null, text: null, attachments: [], problem: 'opted out' }] } });
    const w = mountApp(RecordEmails, { props: { entityName: 'person', id: 'p1' } }, 'zh-CN');
    await flushPromises();
    const items = w.findAll('.mail');
    expect(items.map((i) => [i.attributes('data-status'), i.find('.el-tag').text(), i.find('.subject').text()])).toEqual([
      ['received', '已收到', 'Printer <b>broken</b>'],
      ['skipped', '已跳过', '（无主题）'],
    ]);
    expect(items[0].find('.parties').text()).toContain('Ann <ann@customer.test>');
    expect(items[0].find('.body').text()).toBe('It smokes.');
    expect(items[0].find('.attachments').text()).toContain('photo.jpg');
    expect(items[1].find('.problem').text()).toBe('opted out');
    expect(w.find('b').exists()).toBe(false);
    w.unmount();
  });

  it('says so when there is none', async () => {
    stubFetch({ 'GET /api/records/person/p1/emails': { data: [] } });
    const w = mountApp(RecordEmails, { props: { entityName: 'person', id: 'p1' } }, 'en');
    await flushPromises();
    expect(w.find('.el-empty').text()).toContain('No e-mail has been sent or received about this record.');
    w.unmount();
  });
});
