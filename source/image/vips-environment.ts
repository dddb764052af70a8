/**
Settings libvips reads once, when sharp loads it; imported by sharp-instance.ts ahead of sharp.

Each resize libvips builds asks the CPU for its SIMD features again (cpuid, about 13 times per
9×8 thumbnail). In a virtual machine every cpuid traps to the hypervisor: 23 µs each on the
2-core test box, about 0.3 ms per image. VIPS_VECTOR lists SIMD targets to turn off; 0 turns
off none but makes libvips store the detected set once, so later checks read it instead.
A value the user set is kept.
*/
process.env['VIPS_VECTOR'] ??= '0';
