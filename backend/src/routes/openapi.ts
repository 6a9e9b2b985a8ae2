/** OpenAPI security requirement of every route that needs a signed-in user. */
export const SESSION_SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }];
