/** The cache keys more than one feature reads or refreshes: the assistant changes tasks, sign-out clears all. */
export const tasksKey = ['tasks'] as const;
export const sessionKey = ['session'] as const;

/** Every cached query but the session: a user's own data, to drop or refetch when the user changes. */
export const isUserData = (query: { queryKey: readonly unknown[] }) => query.queryKey[0] !== sessionKey[0];
