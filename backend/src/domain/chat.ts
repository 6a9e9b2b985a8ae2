/** What the assistant did and remembers: kept with each message in the database. */

export type ChatAction = {
  tool: string;
  args: Record<string, unknown>;
  ok: boolean;
  result: unknown;
};

/** What the built-in assistant remembers between turns; stored with its reply, never in memory. */
export type AssistantContext = {
  /** Task ids in the order the reply numbered them, so "the second one" can be resolved next turn. */
  listedTaskIds?: string[];
  /** A request waiting for the user to say which of the listed tasks they meant. */
  pending?: { tool: 'complete_task' | 'delete_task' | 'update_task'; args: Record<string, unknown> };
  /** The task the last reply was about, for "it" and "that one". */
  focusTaskId?: string;
};
