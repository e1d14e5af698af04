import { ref } from 'vue';

/** The portal's page from its path (/portal/<tenant>/<page>/<id>) and query; `go` moves without a reload. */
export const useRoute = (tenant: string) => {
  const read = () => {
    const parts = location.pathname.split('/').filter(Boolean).slice(2);
    return { page: parts[0] ?? '', id: parts[1] ?? '', query: new URLSearchParams(location.search) };
  };
  const route = ref(read());
  addEventListener('popstate', () => (route.value = read()));
  const go = (page: string, id = ''): void => {
    history.pushState(null, '', `/portal/${encodeURIComponent(tenant)}/${page}${id ? `/${id}` : ''}`);
    route.value = read();
    scrollTo(0, 0);
  };
  return { route, go };
};
