import { computed, inject, onBeforeUnmount, provide, reactive, type ComputedRef, type InjectionKey } from 'vue';

interface InvalidInputs {
  set(id: symbol, invalid: boolean): void;
}
const KEY: InjectionKey<InvalidInputs> = Symbol('invalid-inputs');

/** The builder page: counts inputs holding text that is not valid yet (saving waits until none do). */
export const provideInvalidInputs = (): ComputedRef<boolean> => {
  const invalid = reactive(new Set<symbol>());
  provide(KEY, { set: (id, bad) => (bad ? invalid.add(id) : invalid.delete(id)) });
  return computed(() => invalid.size > 0);
};

/** An input: reports whether its text is invalid; forgets itself when it goes away. */
export const useInvalidInput = (): ((invalid: boolean) => void) => {
  const registry = inject(KEY, undefined);
  const id = Symbol('input');
  onBeforeUnmount(() => registry?.set(id, false));
  return (invalid) => registry?.set(id, invalid);
};
