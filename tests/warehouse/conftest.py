def pytest_configure(config):
    config.addinivalue_line(
        'markers', 'slow: runs the whole pipeline several times or starts a cluster '
                   '(still part of the default test run; deselect with -m "not slow")')
