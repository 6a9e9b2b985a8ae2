/** An error whose message is safe to show the client; `field` names the input that caused it. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export type ErrorBody = { error: { code: string; message: string; field?: string } };

export function errorBody(code: string, message: string, field?: string): ErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

export const notFound = (what: string) => new ApiError(404, 'NOT_FOUND', `${what} not found`);
