"""The home-care route planning engine (issue 10): a zone's day of visits into staff routes.

Pure Python (no Django): ``parse.load_instance`` reads the JSON contract, ``solve.solve`` plans,
``check.check_plan`` verifies a plan independently of the solver, ``omsorg plan-routes`` is the
command line. See ``solve.py`` for the method.
"""
