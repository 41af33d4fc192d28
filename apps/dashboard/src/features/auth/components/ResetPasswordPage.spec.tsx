import { jest } from '@jest/globals';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { ResetPasswordPage } from './ResetPasswordPage';

function answer(status: number, body: unknown): Response {
  return { ok: status < 400, status, text: async () => (body === null ? '' : JSON.stringify(body)) } as Response;
}

function renderPage(fetchMock: jest.Mock<typeof fetch>, url: string) {
  globalThis.fetch = fetchMock as unknown as typeof fetch;
  const router = createMemoryRouter([{ path: '/reset-password', element: <ResetPasswordPage /> }], {
    initialEntries: [url],
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

function fill(password: string) {
  fireEvent.change(screen.getByLabelText('New password'), { target: { value: password } });
  fireEvent.change(screen.getByLabelText('New password again'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
}

describe('ResetPasswordPage', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('shows why a weak password was refused, then confirms a good one and links to sign-in', async () => {
    const fetchMock = jest
      .fn<typeof fetch>()
      .mockResolvedValueOnce(
        answer(400, {
          statusCode: 400,
          code: 'weak_password',
          message: 'password is too easy to guess. Use a passphrase of three or four unrelated words.',
        }),
      )
      .mockResolvedValueOnce(answer(204, null));
    renderPage(fetchMock, '/reset-password?token=abc123');

    fill('password1234');
    expect((await screen.findByRole('alert')).textContent).toContain('password is too easy to guess');
    fill('violet tractor lantern 91');
    expect((await screen.findByRole('status')).textContent).toContain('Your new password is set');
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/login');
    const [url, init] = fetchMock.mock.calls[1] ?? [];
    expect(String(url)).toBe('/api/v1/auth/password-reset');
    expect(JSON.parse(String(init?.body))).toEqual({ token: 'abc123', newPassword: 'violet tractor lantern 91' });
  });

  it('asks for a link when the page is opened without a token', () => {
    renderPage(jest.fn<typeof fetch>(), '/reset-password');
    expect(screen.getByRole('alert').textContent).toMatch(/needs the reset link/);
  });
});
