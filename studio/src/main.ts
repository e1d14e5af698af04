import 'element-plus/dist/index.css';
import './styles.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { setUnauthorizedHandler } from './api/http.js';
import { i18n, setLocale, currentLocale } from './i18n/index.js';
import { installOffline } from './offline/install-offline.js';
import { createAppRouter } from './router/index.js';
import { useMetaStore } from './stores/meta.js';
import { useSessionStore } from './stores/session.js';

const app = createApp(App);
const pinia = createPinia();
const router = createAppRouter();
app.use(pinia).use(router).use(i18n);
setLocale(currentLocale());

installOffline(pinia);

setUnauthorizedHandler(() => {
  useSessionStore(pinia).expire();
  useMetaStore(pinia).reset();
  const here = router.currentRoute.value;
  if (!here.meta.public) void router.push({ name: 'signin', query: { redirect: here.fullPath, expired: '1' } });
});

app.mount('#app');
