import { render, screen } from '@testing-library/react';
import { SessionContext } from '../session/sessionContext';
import { MetricValue } from './MetricValue';

const session = (threshold: number) => ({
  user: { id: 'u', email: 'a@example.org', role: 'analyst' as const },
  organization: { id: 'o', name: 'Org', suppressionThreshold: threshold },
});

describe('MetricValue', () => {
  it('shows a suppressed count as "<11" with the reason', () => {
    render(<MetricValue value={{ suppressed: true }} />);
    const cell = screen.getByText('<11');
    expect(cell.getAttribute('title')).toMatch(/Fewer than 11 people: hidden to protect their privacy/);
    expect(cell.tabIndex).toBe(0);
  });

  it('names a hidden rate in words: "<11" beside percentages reads as under 11%', () => {
    render(<MetricValue value={{ suppressed: true }} metric="engagementRate" />);
    const cell = screen.getByText('hidden (fewer than 11 people)');
    expect(cell.getAttribute('title')).toMatch(/Fewer than 11 people/);
  });

  it("uses the organisation's raised threshold", () => {
    render(
      <SessionContext.Provider value={session(20)}>
        <MetricValue value={{ suppressed: true }} metric="reach" />
      </SessionContext.Provider>,
    );
    expect(screen.getByText('<20').getAttribute('title')).toMatch(/Fewer than 20 people/);
  });

  it.each([
    [12345, undefined, undefined, '12,345'],
    [0.0423, 'engagementRate', undefined, '4.2%'],
    [0.5, undefined, 'percent', '50.0%'],
    [1234567, 'impressions', undefined, '1,234,567'],
  ] as const)('formats %p (metric %p, format %p) as %p', (value, metric, format, text) => {
    const { container } = render(<MetricValue value={value} metric={metric} format={format} />);
    expect(container.textContent).toBe(text);
  });

  it('shows a dash for a missing value', () => {
    const { container } = render(<MetricValue value={null} />);
    expect(container.textContent).toBe('—');
  });
});
