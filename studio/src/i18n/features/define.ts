/**
 * A feature's UI strings in both languages. Each feature keeps its strings in its own file under
 * `features/` under one top-level key, so features do not edit a shared dictionary;
 * `messages.ts` merges them and a test holds the two languages to the same keys.
 */
export interface FeatureMessages<T extends object> {
  en: T;
  'zh-CN': NoInfer<T>;
}

type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };

export const defineMessages = <T extends object>(m: { en: T; 'zh-CN': Widen<NoInfer<T>> }): FeatureMessages<Widen<T>> =>
  m as unknown as FeatureMessages<Widen<T>>;
