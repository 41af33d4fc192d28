import { fireEvent, render, screen } from '@testing-library/react';
import { ApiError } from '../api/http';
import { ChartCard } from './ChartCard';

describe('ChartCard', () => {
  it('shows a loading skeleton', () => {
    render(<ChartCard title="Trend" isLoading />);
    expect(screen.getByRole('status', { name: 'Loading Trend' })).toBeTruthy();
  });

  it("shows the server's error with a Retry button", () => {
    const onRetry = jest.fn();
    render(
      <ChartCard
        title="Trend"
        error={new ApiError(503, { statusCode: 503, code: 'unavailable', message: 'The database is unavailable.' })}
        onRetry={onRetry}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('The database is unavailable.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('says what to do next when empty', () => {
    render(<ChartCard title="Trend" isEmpty emptyMessage="No events yet: import a platform export." />);
    expect(screen.getByText('No events yet: import a platform export.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Show as table' })).toBeNull();
  });

  it('switches between the chart and its table', () => {
    render(
      <ChartCard title="Trend" table={<p>the table</p>}>
        <p>the chart</p>
      </ChartCard>,
    );
    const toggle = screen.getByRole('button', { name: 'Show as table' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByText('the chart')).toBeTruthy();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('the table')).toBeTruthy();
    expect(screen.queryByText('the chart')).toBeNull();
  });
});
