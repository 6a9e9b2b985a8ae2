/** The cache keys more than one feature reads or refreshes: the assistant changes tasks, sign-out clears all. */
export const tasksKey = ['tasks'] as const;
export const sessionKey = ['session'] as const;
