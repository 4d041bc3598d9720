/* prelude/mm/page_alloc.c - mm/page_alloc.c (Linux 7.1) */

/*
 * __get_free_page(GFP_NOWAIT) fails under memory pressure; a model says when by setting
 * gfp_nowait_fails (an allocation the model does not otherwise follow).
 */
bool gfp_nowait_fails;
