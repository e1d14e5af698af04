import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Whether a CSS media query matches, kept up to date. */
export const useMediaQuery = (query: string): Ref<boolean> => {
  const mql = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : undefined;
  const matches = ref(mql?.matches ?? false);
  const update = (e: MediaQueryListEvent) => {
    matches.value = e.matches;
  };
  mql?.addEventListener('change', update);
  onBeforeUnmount(() => mql?.removeEventListener('change', update));
  return matches;
};

/** Phone-sized screens get a drawer menu and fewer columns. */
export const usePhone = (): Ref<boolean> => useMediaQuery('(max-width: 768px)');
