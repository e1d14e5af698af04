import { problem, type Label, type EffectiveMeta, type RecordData } from '../../../core/index.js';

/** A skill an engineer has, at a level 1–5. */
export interface SkillLevel {
  skill: string;
  level: number;
}

/** What a work order asks of the engineer who takes it. */
export interface JobNeeds {
  number: string;
  skill?: string | null;
  level?: number | null;
  territory?: string | null;
}

const labelOf = (meta: Pick<EffectiveMeta, 'dictionaries'>, dictionary: string, value: string): Label =>
  meta.dictionaries[dictionary]?.items.find((i) => i.value === value)?.label ?? { en: value, 'zh-CN': value };

/**
 * Refuses (422, both languages) an engineer who is inactive, lacks the required skill at
 * the required level, or does not cover the work order's territory. An order that names no
 * skill or no territory asks nothing of that kind.
 */
export const checkEngineerFits = (engineer: RecordData, skills: SkillLevel[], job: JobNeeds, meta: Pick<EffectiveMeta, 'dictionaries'>): void => {
  const name = String(engineer.name ?? '');
  if (engineer.active === false) throw problem('FIELDSERVICE_ENGINEER_INACTIVE', { engineer: name }, { errors: [{ field: 'engineer', message: 'is not active' }] });
  if (job.skill) {
    const level = job.level ?? 1;
    if (!skills.some((s) => s.skill === job.skill && s.level >= level)) {
      const skill = labelOf(meta, 'field_skill', job.skill);
      throw problem('FIELDSERVICE_SKILL_MISSING', { engineer: name, skill: skill.en, skillZh: skill['zh-CN'], level }, { errors: [{ field: 'engineer', message: `lacks ${job.skill} level ${level}` }] });
    }
  }
  if (job.territory) {
    const territories = Array.isArray(engineer.territories) ? engineer.territories.map(String) : [];
    if (!territories.includes(job.territory)) {
      const territory = labelOf(meta, 'region', job.territory);
      throw problem('FIELDSERVICE_OUTSIDE_TERRITORY', { engineer: name, territory: territory.en, territoryZh: territory['zh-CN'] }, { errors: [{ field: 'engineer', message: `does not cover ${job.territory}` }] });
    }
  }
};

const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : Date.parse(String(v)));

/** Whether two half-open time spans [a0, a1) and [b0, b1) share an instant. */
export const overlaps = (a0: unknown, a1: unknown, b0: unknown, b1: unknown): boolean => ms(a0) < ms(b1) && ms(b0) < ms(a1);

/** The jobs among `others` that overlap [start, end) (the work order itself left out). */
export const overlapping = (id: string, start: string, end: string, others: RecordData[]): RecordData[] =>
  others.filter((o) => String(o.id) !== id && overlaps(start, end, o.scheduled_start, o.scheduled_end));
