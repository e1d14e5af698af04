import { ElMessageBox } from 'element-plus';
import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { onBeforeRouteLeave, onBeforeRouteUpdate, type RouteLocationNormalized } from 'vue-router';

/** Asks before leaving a page with unsaved changes (another page, another workflow, or closing the tab). */
export const useUnsavedGuard = (dirty: Ref<boolean>): void => {
  const { t } = useI18n();
  const confirmLeave = async (): Promise<boolean> => {
    if (!dirty.value) return true;
    try {
      await ElMessageBox.confirm(t('workflowBuilder.leaveMessage'), t('workflowBuilder.leaveTitle'), {
        type: 'warning',
        confirmButtonText: t('workflowBuilder.leave'),
        cancelButtonText: t('workflowBuilder.stay'),
      });
      return true;
    } catch {
      return false;
    }
  };
  onBeforeRouteLeave(confirmLeave);
  onBeforeRouteUpdate((to: RouteLocationNormalized, from: RouteLocationNormalized) => (to.path === from.path ? true : confirmLeave()));
  const beforeUnload = (e: BeforeUnloadEvent) => {
    if (!dirty.value) return;
    e.preventDefault();
    e.returnValue = '';
  };
  onMounted(() => window.addEventListener('beforeunload', beforeUnload));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', beforeUnload));
};
