/** Who is acting: the signed-in user (or a workflow's run-as user). */
export interface Actor {
  id: string;
  name: string;
  roles: string[];
  team?: string | null;
  isAdmin: boolean;
  /** Service accounts: the only entities it may write ([] = read only); undefined = what its roles allow. */
  writeScope?: string[];
}
