# What `cmake --install` puts where (GNUInstallDirs), and how `cpack -G DEB` packs it for
# classroom machines. An installed muxlab finds its lessons folder relative to its own binary
# (bin/../share/muxlab/lessons, see core/lesson/LessonFiles.h), so the same tree works under
# /usr, /usr/local or any staging prefix.

set(MUXLAB_HOMEPAGE "https://muxlab.example.org/" CACHE STRING
    "The project's home page, for the package and the AppStream metadata")
set(MUXLAB_PACKAGE_MAINTAINER "The muxlab authors <maintainers@users.noreply.h-seed-5ccaada6.example>"
    CACHE STRING "The Maintainer field of the .deb")

# The lessons' Python clients and programs, keeping the folder per document; README.md marks
# the folder as a lessons folder. The lesson JSON files are compiled into the binary.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/lessons/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/muxlab/lessons
        FILES_MATCHING PATTERN "*.py" PATTERN "README.md"
        PATTERN "__pycache__" EXCLUDE)

install(FILES ${PROJECT_SOURCE_DIR}/resources/desktop/muxlab.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/metainfo/org.example.muxlab.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/muxlab.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${PROJECT_SOURCE_DIR}/resources/debian/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

# Man pages are installed compressed (Debian policy); -n keeps the date out, so the same page
# gives the same bytes.
set(MUXLAB_MAN_GZ ${PROJECT_BINARY_DIR}/muxlab.1.gz)
add_custom_command(OUTPUT ${MUXLAB_MAN_GZ}
    COMMAND ${CMAKE_COMMAND} -E copy ${PROJECT_SOURCE_DIR}/resources/man/muxlab.1
            ${PROJECT_BINARY_DIR}/muxlab.1
    COMMAND gzip -9nf ${PROJECT_BINARY_DIR}/muxlab.1
    DEPENDS ${PROJECT_SOURCE_DIR}/resources/man/muxlab.1
    COMMENT "Compressing the man page muxlab.1")
add_custom_target(muxlab-man ALL DEPENDS ${MUXLAB_MAN_GZ})
install(FILES ${MUXLAB_MAN_GZ} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# `cpack -G DEB` in the build dir: muxlab_<version>_<arch>.deb, installing under /usr, its
# library dependencies computed from the binary by dpkg-shlibdeps (package dpkg-dev).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME muxlab)
set(CPACK_PACKAGE_VENDOR "The muxlab authors")
set(CPACK_PACKAGE_CONTACT "${MUXLAB_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "playground that teaches I/O multiplexing (select, poll, epoll)")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "muxlab runs a real TCP server, drives real client sockets against it over\n"
    "loopback, and shows every call of select(), poll() or epoll_wait() as one\n"
    "tick: the lists passed in, what came back ready and why, and what the server\n"
    "did about it. Teachers step it in front of a class, and students work through\n"
    "its lessons, in Chinese and English, on their own.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${MUXLAB_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${MUXLAB_HOMEPAGE}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The lessons' clients are Python; nc is what a class types into first.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3, netcat-openbsd")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)

# libmuxtrace.so, the library `muxlab --exec` preloads into a traced program: private to muxlab
# (not a library other programs link), so it goes to lib/muxlab/, where core/exec/Launch.cpp
# looks for it relative to the binary.
install(TARGETS muxtrace LIBRARY DESTINATION lib/muxlab)
