import { render, screen } from '@testing-library/react';
import { LiftHeatmap } from './LiftHeatmap';

describe('LiftHeatmap', () => {
  it('is a table with the value in each cell and the details for screen readers and hover', () => {
    render(
      <LiftHeatmap
        caption="Lift"
        data={{
          columns: [{ id: 's1', name: '18–24' }],
          rows: [
            {
              creativeId: 'a',
              name: 'Story',
              cells: [
                {
                  segmentId: 's1',
                  lift: 0.23,
                  suppressed: false,
                  verdict: 'leader',
                  text: '+23.0%',
                  detail: 'Story, 18–24: lift +23.0%',
                  background: 'rgb(1,2,3)',
                  color: '#fff',
                },
              ],
            },
            {
              creativeId: 'b',
              name: 'Carousel',
              cells: [
                {
                  segmentId: 's1',
                  lift: null,
                  suppressed: true,
                  verdict: 'not enough data',
                  text: '<11',
                  detail: 'Carousel, 18–24: fewer than 11 people',
                  background: '#eee',
                  color: '#000',
                },
              ],
            },
          ],
        }}
      />,
    );
    expect(screen.getByRole('table', { name: 'Lift' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: '18–24' })).toBeTruthy();
    const cells = screen.getAllByRole('cell');
    expect(cells.map((c) => c.getAttribute('title'))).toEqual([
      'Story, 18–24: lift +23.0%',
      'Carousel, 18–24: fewer than 11 people',
    ]);
    expect(cells[0]?.textContent).toContain('+23.0%');
    expect(cells[1]?.textContent).toContain('<11');
  });
});
