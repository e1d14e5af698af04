import { ElMessageBox } from 'element-plus';
import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { onBeforeRouteLeave, onBeforeRouteUpdate, type RouteLocationNormalized } from 'vue-router';

/** The i18n keys of the question the guard asks; each defaults to the kit's own wording. */
export interface UnsavedGuardTexts {
  title?: string;
  message?: string;
}

/**
 * Asks before leaving an editor with unsaved changes: another page, the same page for
 * another document (a new path), or closing the tab (`beforeunload`). Nothing is asked
 * while `dirty` is false.
 */
export const useUnsavedGuard = (dirty: Readonly<Ref<boolean>>, texts: UnsavedGuardTexts = {}): void => {
  const { t } = useI18n();
  const confirmLeave = async (): Promise<boolean> => {
    if (!dirty.value) return true;
    try {
      await ElMessageBox.confirm(t(texts.message ?? 'editorKit.unsaved.message'), t(texts.title ?? 'editorKit.unsaved.title'), {
        type: 'warning',
        confirmButtonText: t('editorKit.unsaved.leave'),
        cancelButtonText: t('editorKit.unsaved.stay'),
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
