import { ApiError, apiGet, apiPost, buildQuery, loginPath } from './http';

type FetchArgs = [string, RequestInit];

function mockFetch(status: number, body: unknown) {
  const calls: FetchArgs[] = [];
  globalThis.fetch = ((url: string, init: RequestInit) => {
    calls.push([url, init]);
    return Promise.resolve({
      ok: status < 400,
      status,
      text: () => Promise.resolve(body === undefined ? '' : JSON.stringify(body)),
    });
  }) as unknown as typeof fetch;
  return calls;
}

describe('http client', () => {
  beforeEach(() => {
    document.cookie = 'resonance_csrf=tok%2B1; path=/';
  });

  it('sends JSON with the CSRF header from the cookie on writes, not on reads', async () => {
    const calls = mockFetch(200, { ok: true });
    await apiPost('/api-keys', { name: 'k' });
    await apiGet('/api-keys', { query: { limit: 5, q: '', tags: ['a', 'b'] } });
    const [postUrl, post] = calls[0]!;
    expect(postUrl).toBe('/api/v1/api-keys');
    expect(post.method).toBe('POST');
    expect((post.headers as Record<string, string>)['x-csrf-token']).toBe('tok+1');
    expect(post.body).toBe('{"name":"k"}');
    const [getUrl, get] = calls[1]!;
    expect(getUrl).toBe('/api/v1/api-keys?limit=5&tags=a&tags=b');
    expect((get.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
  });

  it("throws ApiError with the server's code, message and details", async () => {
    mockFetch(409, {
      statusCode: 409,
      code: 'last_owner',
      message: 'The last owner cannot be removed',
      details: { hint: 'x' },
    });
    const error = await apiPost('/members/1', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: 'last_owner',
      message: 'The last owner cannot be removed',
      details: { hint: 'x' },
    });
  });

  it('keeps the return path for the login page', () => {
    expect(loginPath('/campaigns/1?range=last7')).toBe('/login?next=%2Fcampaigns%2F1%3Frange%3Dlast7');
    expect(loginPath('/')).toBe('/login');
    expect(buildQuery({ a: undefined, b: null, c: 0 })).toBe('?c=0');
  });
});
