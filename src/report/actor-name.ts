/**
 * How reports name the actor behind a trace's `cpu` index: `CPU2`, or, where the scenario's
 * actors are tasks that name their own CPU (`CPU0/taskB`, `CPU1/target`), that name: there
 * the index counts actors, not CPUs, and `CPU1` would name the wrong one.
 */
export function actorName(role: string, index: number): string {
  return role.includes('/') ? role : `CPU${index}`;
}
