import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '../../testing/fetch-stub.js';
import { meta } from '../../testing/fixtures.js';
import { mountApp } from '../../testing/mount-app.js';
import ModuleWorkBanner from '../../components/ModuleWorkBanner.vue';
import { useStudioStore } from '../../stores/studio.js';
import StudioModulePage from './StudioModulePage.vue';
import StudioModulesPage from './StudioModulesPage.vue';
import StudioPluginsPage from './StudioPluginsPage.vue';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const rentals = { id: '0193a000-0000-7000-8000-00000000000a', name: 'rentals', label: label('Property rentals', '房产租赁'), icon: 'home', menuGroup: 'Property', version: '1.0.0', documents: [{ kind: 'entity', name: 'lease' }] };

const fill = async (selector: string, value: string) => {
  const input = document.querySelector(`${selector} input`) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await flushPromises();
};
const buttonIn = (selector: string, text: string) => [...document.querySelectorAll(`${selector} button`)].find((b) => b.textContent?.trim() === text) as HTMLButtonElement | undefined;

describe('modules in the studio', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lists modules by label and starts one with its name, labels, icon and menu group', async () => {
    const { calls } = stubFetch({ 'GET /api/studio/modules': { data: [rentals] }, 'POST /api/studio/modules': rentals, 'GET /api/meta': meta });
    const w = mountApp(StudioModulesPage);
    await flushPromises();
    expect(w.find('.module-rentals').text()).toContain('Property rentals');
    expect(w.find('.module-rentals').text()).toContain('1 documents');
    expect(w.find('.module-rentals').text()).not.toContain(rentals.id);
    await w.find('.new-module').trigger('click');
    await flushPromises();
    await fill('.module-dialog .module-name', 'rentals');
    await fill('.module-dialog .module-label-en', 'Property rentals');
    await fill('.module-dialog .module-label-zh', '房产租赁');
    await fill('.module-dialog .module-menu-group', 'Property');
    buttonIn('.module-dialog', 'Confirm')!.click();
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url === '/api/studio/modules')).toBe(true), { timeout: 10_000 });
    const sent = JSON.parse(calls.find((c) => c.method === 'POST')!.body!);
    expect(sent).toEqual({ name: 'rentals', label: label('Property rentals', '房产租赁'), icon: null, menuGroup: 'Property' });
    w.unmount();
  });

  it('uploads a package from the plugin manager and shows a refusal in the user’s words', async () => {
    const { calls } = stubFetch({
      'GET /api/plugins': { data: [] },
      'GET /api/meta': meta,
      'POST /api/plugins/upload': () => json(400, { status: 400, title: 'Bad Request', code: 'PLUGIN_ARCHIVE_CODE', detail: 'An uploaded plugin holds metadata and data only; “server/index.ts” is program code. Nothing was installed.', params: { path: 'server/index.ts' } }),
    });
    const w = mountApp(StudioPluginsPage);
    await flushPromises();
    await w.find('.upload-package').trigger('click');
    await flushPromises();
    const input = document.querySelector('.plugin-upload-dialog input[type=file]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['PK'], 'rentals-1.0.0.zip', { type: 'application/zip' })] });
    input.dispatchEvent(new Event('change'));
    await flushPromises();
    expect(document.querySelector('.plugin-upload-dialog')!.textContent).toContain('rentals-1.0.0.zip');
    buttonIn('.plugin-upload-dialog', 'Upload')!.click();
    await vi.waitFor(() => expect(document.querySelector('.plugin-upload-dialog [role=alert]')?.textContent).toContain('server/index.ts'), { timeout: 10_000 });
    const upload = calls.find((c) => c.url.startsWith('/api/plugins/upload'))!;
    expect(upload.url).toBe('/api/plugins/upload?apply=true&withDemoData=false');
    expect(upload.headers['content-type']).toBe('application/zip');
    w.unmount();
  });

  it('works in a module once its page opens: saves name it until the banner’s Leave, in the user’s language', async () => {
    sessionStorage.clear();
    const { calls } = stubFetch({
      [`GET /api/studio/modules/${rentals.id}`]: rentals,
      'GET /api/studio/modules': { data: [rentals] },
      'GET /api/studio': { data: [] },
      'GET /api/meta': meta,
      'PUT /api/studio/form/lease_form': { version: 2 },
    });
    const page = mountApp(StudioModulePage, { props: { id: rentals.id } }, 'zh-CN');
    await flushPromises();
    expect(JSON.parse(sessionStorage.getItem('crm.studio.module') ?? '{}')).toMatchObject({ id: rentals.id, tenant: meta.tenant.slug });
    // another page of the tab (a fresh store) works in the same module
    const banner = mountApp(ModuleWorkBanner, {}, 'zh-CN');
    await flushPromises();
    expect(banner.text()).toContain('正在模块“房产租赁”中工作');
    expect(banner.find('.module-work-open').attributes('href')).toBe(`/studio/modules/${rentals.id}`);
    const studio = useStudioStore();
    await studio.saveDocument('form', 'lease_form', { entity: 'lease' });
    expect(calls.find((c) => c.method === 'PUT')!.headers['x-studio-module']).toBe(rentals.id);
    await banner.find('.module-work-leave').trigger('click');
    await flushPromises();
    expect(banner.find('.module-work').exists()).toBe(false);
    await studio.saveDocument('form', 'lease_form', { entity: 'lease' });
    expect(calls.filter((c) => c.method === 'PUT').at(-1)!.headers['x-studio-module']).toBeUndefined();
    expect(sessionStorage.getItem('crm.studio.module')).toBeNull();
    page.unmount();
    banner.unmount();
  });
});
