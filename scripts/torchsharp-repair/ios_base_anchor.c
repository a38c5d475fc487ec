/* GCC 13's libstdc++ exports std::ios_base_library_init() at version GLIBCXX_3.4.32 as an anchor that
   makes code compiled against its <iostream> depend on that libstdc++. The function does nothing, so an
   empty definition under the same version name satisfies it on systems with an older libstdc++. */
void _ZSt21ios_base_library_initv(void) {}
