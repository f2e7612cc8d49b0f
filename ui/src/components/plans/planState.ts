// Colours and labels of a (task, unit) pair's state, shared by the matrix, the unit's view and 督办.
import type { PlanPair, PlanTaskView, TaskState } from '../../bindings'
import { TASK_STATE_LABEL } from '../../bindings'

export const STATE_TAG: Record<TaskState, 'info' | 'primary' | 'success' | 'warning' | 'danger'> = {
  NotStarted: 'info',
  InProgress: 'primary',
  Done: 'success',
  NotApplicable: 'warning',
}

export function stateLabel(s: TaskState): string {
  return TASK_STATE_LABEL[s]
}

/** The units of a plan's pairs, in order of first appearance. */
export function planUnits(tasks: PlanTaskView[]): string[] {
  const out: string[] = []
  for (const t of tasks) for (const p of t.pairs) if (!out.includes(p.unit_name)) out.push(p.unit_name)
  return out
}

export function pairOf(task: PlanTaskView, unit: string): PlanPair | undefined {
  return task.pairs.find((p) => p.unit_name === unit)
}
