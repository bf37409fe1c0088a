// Linked with one layer of core/ whole and only the layers it declares
// (core/CMakeLists.txt): it builds only if the layer calls nothing above it.
int main() { return 0; }
