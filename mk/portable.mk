# mk/portable.mk - build/portable/richcheck.so: ICU and the C++ runtime
# linked in, every foreign symbol hidden (make portable, make portable-test).
.PHONY: portable portable-test
portable-test:
	@echo "portable-test: not written yet"
