import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Component } from 'vue';
import type { FieldDefinition } from '../../api/types.js';
import { mountApp } from '../../testing/mount-app.js';
import AttachmentWidget from './AttachmentWidget.vue';

/** A stand-in for XMLHttpRequest that the test answers by hand. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  statusText = '';
  responseText = '';
  withCredentials = false;
  upload: { onprogress?: (e: { lengthComputable: boolean; loaded: number; total: number }) => void } = {};
  onload?: () => void;
  onerror?: () => void;
  onabort?: () => void;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v;
  }
  send(body: unknown) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

const field: FieldDefinition = { type: 'attachment', multiple: true, maxFiles: 3, maxSizeMb: 1, accept: ['.pdf', 'image/*'], label: { en: 'Files', 'zh-CN': '附件' } };
const stored = (id: string, name: string, size = 2048) => ({ id, name, type: 'application/pdf', size, sha256: 'x' });

const mountWidget = (props: { modelValue?: unknown; readonly?: boolean; field?: FieldDefinition }, locale: 'en' | 'zh-CN' = 'en') => {
  // The value is the widget's v-model (defineModel), which its props type does not list.
  const w = mountApp(AttachmentWidget as Component, {
    props: { field, name: 'files', label: 'Files', modelValue: null, ...props, 'onUpdate:modelValue': (v: unknown) => w.setProps({ modelValue: v }) },
  }, locale);
  return w;
};

const pick = async (w: ReturnType<typeof mountWidget>, files: File[]) => {
  const input = w.find('input[type=file]');
  Object.defineProperty(input.element, 'files', { value: files, configurable: true });
  await input.trigger('change');
  await flushPromises();
};

describe('AttachmentWidget', () => {
  beforeEach(() => {
    FakeXhr.sent = [];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('uploads a picked file with its progress, then lists it with a download link', async () => {
    const w = mountWidget({});
    expect(w.text()).toContain('Up to 1 MB each: .pdf, image/*');
    await flushPromises();
    expect(w.find('input[type=file]').attributes('accept')).toBe('.pdf,image/*');
    await pick(w, [new File(['%PDF-1.4 contract'], '合同.pdf', { type: 'application/pdf' })]);
    expect(FakeXhr.sent).toHaveLength(1);
    const xhr = FakeXhr.sent[0];
    expect([xhr.method, xhr.url, xhr.headers['x-file-name'], xhr.headers['content-type']]).toEqual(['POST', '/api/files', encodeURIComponent('合同.pdf'), 'application/pdf']);
    xhr.progress(50, 100);
    await flushPromises();
    expect(w.find('.upload-item').text()).toContain('Uploading 合同.pdf: 50%');
    xhr.answer(201, stored('f1', '合同.pdf'));
    await flushPromises();
    expect(w.props('modelValue')).toEqual([stored('f1', '合同.pdf')]);
    expect(w.find('.upload-item').exists()).toBe(false);
    const link = w.find('a.attachment-link');
    expect(link.attributes('href')).toBe('/api/files/f1');
    expect(link.attributes('download')).toBe('合同.pdf');
    expect(w.find('.file-size').text()).toBe('2 KB');
  });

  it('refuses too large, wrong-type and too many files with a message each, sending none of them', async () => {
    const w = mountWidget({ modelValue: [stored('f1', 'a.pdf'), stored('f2', 'b.pdf')] }, 'zh-CN');
    await pick(w, [new File([new Uint8Array(2 * 1024 * 1024)], 'big.pdf', { type: 'application/pdf' }), new File(['MZ'], 'run.exe', { type: 'application/x-msdownload' })]);
    const problems = w.findAll('[role=alert]').map((p) => p.text());
    expect(problems).toEqual(['big.pdf 超过了 1 MB', 'run.exe 不是允许的类型：.pdf, image/*']);
    expect(FakeXhr.sent).toHaveLength(0);
    await pick(w, [new File(['x'], 'c.png', { type: 'image/png' }), new File(['y'], 'd.png', { type: 'image/png' })]);
    expect(FakeXhr.sent).toHaveLength(1);
    expect(w.findAll('[role=alert]').map((p) => p.text())).toContain('最多 3 个文件');
  });

  it('says why an upload failed, and cancels one on request', async () => {
    const w = mountWidget({});
    await pick(w, [new File(['x'], 'a.pdf', { type: 'application/pdf' })]);
    FakeXhr.sent[0].answer(413, { title: 'Payload Too Large', status: 413, detail: 'The file is larger than 1 MB' });
    await flushPromises();
    expect(w.find('[role=alert]').text()).toBe('a.pdf could not be uploaded: The file is larger than 1 MB');
    await pick(w, [new File(['x'], 'b.pdf', { type: 'application/pdf' })]);
    await w.find('button.cancel-upload').trigger('click');
    await flushPromises();
    expect(w.find('.upload-item').exists()).toBe(false);
    expect(w.props('modelValue')).toBeNull();
  });

  it('removes a file with undo', async () => {
    const w = mountWidget({ modelValue: [stored('f1', 'a.pdf'), stored('f2', 'b.pdf')] });
    await w.find('button[aria-label="Remove a.pdf"]').trigger('click');
    expect(w.props('modelValue')).toEqual([stored('f2', 'b.pdf')]);
    expect(w.find('.removed-note').text()).toContain('a.pdf removed from the form');
    await w.find('button.undo-remove').trigger('click');
    expect(w.props('modelValue')).toEqual([stored('f1', 'a.pdf'), stored('f2', 'b.pdf')]);
    expect(w.find('.removed-note').exists()).toBe(false);
  });

  it('keeps one file for a single-file field: a new upload replaces it', async () => {
    const w = mountWidget({ field: { type: 'attachment' }, modelValue: stored('f1', 'old.pdf') });
    expect(w.text()).toContain('Up to 20 MB each');
    await pick(w, [new File(['x'], 'new.txt', { type: 'text/plain' })]);
    FakeXhr.sent[0].answer(201, stored('f9', 'new.txt'));
    await flushPromises();
    expect(w.props('modelValue')).toEqual(stored('f9', 'new.txt'));
  });

  it('shows download links when read-only, and a dash without files', () => {
    const w = mountWidget({ readonly: true, modelValue: [stored('f1', 'a.pdf')] });
    expect(w.find('input[type=file]').exists()).toBe(false);
    expect(w.find('a.attachment-link').attributes('href')).toBe('/api/files/f1');
    expect(w.find('button').exists()).toBe(false);
    const none = mountWidget({ readonly: true, modelValue: null });
    expect(none.text()).toBe('—');
  });
});
