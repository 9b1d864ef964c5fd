#!/usr/bin/env node
// Starts the License Desk local license server (LicenseSpring v4 + QLM demo peer): out/node/server.js,
// built on first use.
'use strict'
require('./run-built')('server', 'license-desk-server')
