"""Builds the wheel: the package with the compiled extension inside.

Run by `make wheel` on a copy of this folder that already holds
richcheck/richcheck.so and richcheck/_build.py (gen_build.py)."""
import re
import sysconfig

from setuptools import setup
from setuptools.dist import Distribution

try:
    from wheel.bdist_wheel import bdist_wheel
except ImportError:  # (setuptools' own, in newer setuptools)
    from setuptools.command.bdist_wheel import bdist_wheel


class BinaryDistribution(Distribution):
    """The wheel holds a compiled library: it is for one platform."""

    def has_ext_modules(self):
        return True


class PlatformWheel(bdist_wheel):
    """py3-none-<platform>: the library is an SQLite extension, not a
    Python module, so any Python 3 on that platform can use it."""

    def get_tag(self):
        _, _, plat = super().get_tag()
        return "py3", "none", plat


def version():
    with open("richcheck/_build.py", encoding="utf-8") as f:
        return re.search(r"^VERSION = '([^']+)'", f.read(), re.M).group(1)


setup(
    version=version(),
    distclass=BinaryDistribution,
    cmdclass={"bdist_wheel": PlatformWheel},
    package_data={"richcheck": ["richcheck.so"]},
    options={"bdist_wheel": {"plat_name": sysconfig.get_platform()}},
)
