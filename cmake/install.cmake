# Install rules: headers, the CMake package (assayConfig.cmake,
# assayConfigVersion.cmake, exported targets) and a pkg-config file.
include(CMakePackageConfigHelpers)

set(ASSAY_INSTALL_CMAKEDIR "${CMAKE_INSTALL_DATADIR}/cmake/assay"
    CACHE STRING "Where assay's CMake package files are installed")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/assay" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

install(TARGETS assay EXPORT assay-targets)
install(EXPORT assay-targets NAMESPACE assay:: DESTINATION "${ASSAY_INSTALL_CMAKEDIR}")
if(TARGET assay_xtensor)
  install(TARGETS assay_xtensor EXPORT assay-xtensor-targets)
  install(EXPORT assay-xtensor-targets NAMESPACE assay:: DESTINATION "${ASSAY_INSTALL_CMAKEDIR}")
endif()

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/assayConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/assayConfig.cmake"
  INSTALL_DESTINATION "${ASSAY_INSTALL_CMAKEDIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/assayConfigVersion.cmake"
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion
  ARCH_INDEPENDENT)
install(FILES "${PROJECT_BINARY_DIR}/assayConfig.cmake" "${PROJECT_BINARY_DIR}/assayConfigVersion.cmake"
        DESTINATION "${ASSAY_INSTALL_CMAKEDIR}")

configure_file("${PROJECT_SOURCE_DIR}/cmake/assay.pc.in" "${PROJECT_BINARY_DIR}/assay.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/assay.pc" DESTINATION "${CMAKE_INSTALL_DATADIR}/pkgconfig")
