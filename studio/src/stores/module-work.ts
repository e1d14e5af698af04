import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { setStudioModule } from '../api/http.js';
import type { Label } from '../api/types.js';

/** The module the studio works in, as the banner names it. */
export interface WorkingModule {
  id: string;
  name: string;
  label: Label;
  /** The tenant it belongs to: another tenant's sign-in works in no module. */
  tenant: string;
}

const KEY = 'crm.studio.module';

const stored = (): WorkingModule | null => {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as WorkingModule | null;
    return v && typeof v.id === 'string' && typeof v.tenant === 'string' ? v : null;
  } catch {
    return null;
  }
};

/**
 * Working in a module: opening a module's page enters it, and until the consultant leaves it
 * (or signs out) every document the studio creates joins it. Kept for the browser tab.
 */
export const useModuleWorkStore = defineStore('moduleWork', () => {
  const current = ref<WorkingModule | null>(stored());
  watch(
    current,
    (m) => {
      setStudioModule(m?.id);
      if (m) sessionStorage.setItem(KEY, JSON.stringify(m));
      else sessionStorage.removeItem(KEY);
    },
    { immediate: true },
  );
  const enter = (m: WorkingModule) => {
    current.value = { id: m.id, name: m.name, label: m.label, tenant: m.tenant };
  };
  const leave = () => {
    current.value = null;
  };
  /** Another tenant's module does not follow a sign-in elsewhere. */
  const keepFor = (tenant: string | undefined) => {
    if (current.value && current.value.tenant !== tenant) current.value = null;
  };
  return { current, enter, leave, keepFor };
});
