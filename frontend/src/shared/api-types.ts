/**
 * The API's bodies, picked by operation from the types npm run gen:api-types generates from its
 * OpenAPI document: the UI never retypes the contract, and tsc fails where the two part.
 */
import type { operations } from './api-schema';

type Operation = keyof operations;
type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** What an operation answers with a 200. */
export type Answer<Op extends Operation> = Json<operations[Op]['responses'] extends { 200: infer R } ? R : never>;
/** The JSON body an operation takes. */
export type RequestBody<Op extends Operation> = Json<NonNullable<operations[Op]['requestBody']>>;
/** The query parameters an operation takes. */
export type QueryOf<Op extends Operation> = NonNullable<operations[Op]['parameters']['query']>;
