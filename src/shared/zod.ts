// zod for every schema of the project, set up once: jitless, so no parser is generated with
// new Function at run time (it costs more than it saves in a short-lived CLI, and a strict CSP forbids
// it in the renderer). Import z from here, never from 'zod' directly: the setting must be made before
// any schema is built.
import { z } from 'zod'

z.config({ jitless: true })

export { z }
