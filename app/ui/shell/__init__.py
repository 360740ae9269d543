"""The window's shell: start-up, the main window, its actions, window state, one
instance, the crash guard, the theme and About."""
