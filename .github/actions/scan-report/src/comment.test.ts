import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertComment } from './comment.js';
import { marker } from './trivy.js';

type Comment = { id: number; body: string };

/** The slice of GitHub's REST API that the sticky comment uses, over a real HTTP server. */
function fakeGitHub() {
  const comments: Comment[] = [{ id: 1, body: 'an unrelated comment' }];
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const url = new URL(req.url!, 'http://x');
      if (req.method === 'GET' && url.pathname === '/repos/acme/todo/issues/7/comments') return send(200, comments);
      if (req.method === 'POST' && url.pathname === '/repos/acme/todo/issues/7/comments') {
        const comment = { id: comments.length + 1, body: (JSON.parse(raw) as Comment).body };
        comments.push(comment);
        return send(201, comment);
      }
      const update = /^\/repos\/acme\/todo\/issues\/comments\/(\d+)$/.exec(url.pathname);
      if (req.method === 'PATCH' && update) {
        const comment = comments.find((c) => c.id === Number(update[1]));
        if (!comment) return send(404, { message: 'Not Found' });
        comment.body = (JSON.parse(raw) as Comment).body;
        return send(200, comment);
      }
      return send(404, { message: 'Not Found' });
    });
  });
  return { server, comments, requests };
}

const github = fakeGitHub();
let baseUrl: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => github.server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(github.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => github.server.close(() => resolve())));

describe('the sticky pull-request comment', () => {
  it('is created once, then updated in place; another title gets its own', async () => {
    const octokit = getOctokit('test-token', { baseUrl });
    const pr = { owner: 'acme', repo: 'todo', number: 7 };
    expect(await upsertComment(octokit, pr, 'Backend image', `${marker('Backend image')}\nfirst`)).toBe('created');
    expect(await upsertComment(octokit, pr, 'Backend image', `${marker('Backend image')}\nsecond`)).toBe('updated');
    expect(await upsertComment(octokit, pr, 'Frontend image', `${marker('Frontend image')}\nother`)).toBe('created');
    expect(github.comments.map((c) => c.body.split('\n').at(-1))).toEqual(['an unrelated comment', 'second', 'other']);
    expect(github.requests.every((r) => r.endsWith('token test-token'))).toBe(true);
  });
});
