{
  "targets": [
    {
      "target_name": "rtnl",
      "sources": [
        "native/addon.cc",
        "native/codec.cc",
        "native/socket.cc",
        "native/netns.cc",
        "native/nlmsg.cc",
        "native/link.cc",
        "native/addr.cc",
        "native/route.cc",
        "native/neigh.cc",
        "native/packed.cc",
        "native/bridge.cc",
        "native/attrspec.cc",
        "native/rule.cc",
        "native/nsid.cc"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": [
        "NAPI_VERSION=8",
        "NAPI_CPP_EXCEPTIONS",
        "NODE_ADDON_API_DISABLE_DEPRECATED"
      ],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc": ["-std=c++17", "-fexceptions", "-fvisibility=hidden", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "cflags": ["-fvisibility=hidden"]
    }
  ]
}
