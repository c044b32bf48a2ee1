// Decap CMS starts itself when its script loads; mus-admin.js starts it instead, once the
// record format's reading and writing and the form's own widgets are registered.
window.CMS_MANUAL_INIT = true;
