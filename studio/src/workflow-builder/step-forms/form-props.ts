import type { MetaEntity } from '../../api/types.js';
import type { Options } from './options.js';

/** What every step form gets: the step's own options, the workflow's entity and the other steps; it emits `update:options`. */
export interface StepFormProps {
  options: Options;
  /** The workflow's entity: the run's record. */
  entity?: MetaEntity;
  entities: Record<string, MetaEntity>;
  stepIds: string[];
  /** This step's id. */
  self: string;
  /** Messages by option name, from the checks made before saving. */
  errors: Record<string, string>;
}
