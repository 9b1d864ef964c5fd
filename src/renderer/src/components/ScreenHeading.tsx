import { useEffect, useRef, type ReactNode } from 'react'

/** The step's heading. It takes focus when the step appears so screen readers start here. */
export function ScreenHeading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [])
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className="screen-heading">
      {children}
    </h1>
  )
}
