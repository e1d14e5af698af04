import 'element-plus/dist/index.css';
import '../../styles.css';
import { createApp } from 'vue';
import own from '../messages/store.js';
import { createPublicI18n } from '../i18n.js';
import { tenantFromPath } from '../tenant-from-path.js';
import App from './App.vue';

/** The store entry, served at /store/:tenant/…: its own code-split bundle, no staff app code. */
const app = createApp(App, { tenant: tenantFromPath(location.pathname, 'store') });
app.use(createPublicI18n(own));
app.mount('#app');
