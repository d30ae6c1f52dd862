# Legacy sources spell Windows header names in any letter case (WINDOWS.H,
# Windows.h, RASSHOST.H ...) because Windows file names ignore case. On a
# case-sensitive host this writes one forwarding header per spelling into
# OUT_DIR, each including the lowercase name. They are generated rather than
# committed so that the repository checks out cleanly on case-insensitive
# file systems.
function(rasshost_write_compat_spellings OUT_DIR)
  set(spellings
    windows.h:WINDOWS.H,WINDOWS.h,Windows.h,Windows.H
    windef.h:WINDEF.H,WINDEF.h,WinDef.h,Windef.h
    winbase.h:WINBASE.H,WINBASE.h,WinBase.h,Winbase.h
    winnt.h:WINNT.H,WINNT.h,WinNT.h,WinNt.h,Winnt.h
    winreg.h:WINREG.H,WINREG.h,WinReg.h,Winreg.h
    winnls.h:WINNLS.H,WINNLS.h,WinNls.h,WinNLS.h,Winnls.h
    winerror.h:WINERROR.H,WINERROR.h,WinError.h,Winerror.h
    raserror.h:RASERROR.H,RASERROR.h,RasError.h,Raserror.h
    rasshost.h:RASSHOST.H,RASSHOST.h,RasShost.h,Rasshost.h,RasSHost.h
    lmcons.h:LMCONS.H,LMCONS.h,LMCons.h,LmCons.h,Lmcons.h
    tchar.h:TCHAR.H,TCHAR.h,Tchar.h
    strsafe.h:STRSAFE.H,STRSAFE.h,StrSafe.h,Strsafe.h
    process.h:PROCESS.H,PROCESS.h,Process.h
    malloc.h:MALLOC.H,MALLOC.h,Malloc.h)
  file(MAKE_DIRECTORY "${OUT_DIR}")
  foreach(entry IN LISTS spellings)
    string(REPLACE ":" ";" parts "${entry}")
    list(GET parts 0 lower)
    list(GET parts 1 variants)
    string(REPLACE "," ";" variants "${variants}")
    foreach(variant IN LISTS variants)
      file(CONFIGURE OUTPUT "${OUT_DIR}/${variant}"
           CONTENT "/* ${variant}: generated spelling of <${lower}> for legacy sources. */\n#include <${lower}>\n")
    endforeach()
  endforeach()
endfunction()
