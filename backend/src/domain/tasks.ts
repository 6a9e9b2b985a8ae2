/** A task's priorities, lowest first: the API's, the database enum's and the assistant's words for them. */
export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];
