import { ElMessageBox } from 'element-plus';
import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { onBeforeRouteLeave } from 'vue-router';

/** Asks before leaving a page (in the app or closing the tab) while `dirty` holds. */
export const useUnsavedGuard = (dirty: Ref<boolean>): void => {
  const { t } = useI18n();
  onBeforeRouteLeave(async () => {
    if (!dirty.value) return true;
    try {
      await ElMessageBox.confirm(t('designer.leaveConfirm'), t('designer.unsaved'), { type: 'warning', confirmButtonText: t('designer.leave'), cancelButtonText: t('designer.stay') });
      return true;
    } catch {
      return false;
    }
  });
  const beforeUnload = (e: BeforeUnloadEvent) => {
    if (dirty.value) e.preventDefault();
  };
  onMounted(() => window.addEventListener('beforeunload', beforeUnload));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', beforeUnload));
};
