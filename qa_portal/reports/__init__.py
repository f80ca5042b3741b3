"""Reports made in the background (issue 7): the kinds of report, their jobs, schedules,
notifications and pages."""
