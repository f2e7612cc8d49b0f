// Which list columns a window of a given width shows (issue 23, small screens).
import { describe, expect, it } from 'vitest'
import { shownFrom } from '../src/windowWidth'

describe('shownFrom', () => {
  const cols = { concluded: 1200, type: 1280, contact: 1340 }
  it('shows every column on a 1366 px window', () => {
    expect(shownFrom(cols, 1366)).toEqual({ concluded: true, type: true, contact: true })
  })
  it('leaves out the columns above the width, keeping those at or below it', () => {
    expect(shownFrom(cols, 1280)).toEqual({ concluded: true, type: true, contact: false })
    expect(shownFrom(cols, 1024)).toEqual({ concluded: false, type: false, contact: false })
  })
})
