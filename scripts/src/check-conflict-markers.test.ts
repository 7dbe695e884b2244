import { describe, expect, it } from 'vitest';
import { findConflictMarkers } from './check-conflict-markers';

describe('merge-conflict markers', () => {
  it('are found with their file and line', () => {
    const text = ['| a |', '<<<<<<< HEAD', '| b |', '=======', '| c |', '>>>>>>> main', ''].join('\n');
    expect(findConflictMarkers([{ path: 'README.md', text }])).toEqual(['README.md:2', 'README.md:6']);
  });

  it('leave Markdown rules and long arrows alone', () => {
    const text = ['Title', '=======', 'a <<<<<<< b', '>>>>>>>>>> not a marker'].join('\n');
    expect(findConflictMarkers([{ path: 'doc.md', text }])).toEqual([]);
  });
});
