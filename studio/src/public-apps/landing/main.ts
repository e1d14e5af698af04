import 'element-plus/dist/index.css';
import '../../styles.css';
import { createApp } from 'vue';
import own from '../messages/landing.js';
import { createPublicI18n } from '../i18n.js';
import { tenantFromPath } from '../tenant-from-path.js';
import App from './App.vue';

/** The landing entry, served at /p/:tenant/…: its own code-split bundle, no staff app code. */
const app = createApp(App, { tenant: tenantFromPath(location.pathname, 'p') });
app.use(createPublicI18n(own));
app.mount('#app');
